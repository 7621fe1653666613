/** The wire protocol's own errors, sent as raw HTTP the way a broken or foreign client would. */
import { startTestService, type TestService } from '../helpers/local-service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const post = async (target: string | undefined, body: string, path = '/') => {
  const response = await fetch(`${service.endpoint}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target ? { 'x-amz-target': target } : {}),
    },
    body,
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as { __type?: string; message?: string },
  };
};

describe('wire protocol errors', () => {
  it('answers an unknown X-Amz-Target with UnknownOperationException', async () => {
    const reply = await post('AmazonPersonalize.CreateBanana', '{}');
    expect(reply).toEqual({
      status: 400,
      errorType: 'UnknownOperationException',
      body: {
        __type: 'UnknownOperationException',
        message: 'Unknown operation AmazonPersonalize.CreateBanana.',
      },
    });
    expect((await post('AmazonS3.ListBuckets', '{}')).body.__type).toBe(
      'UnknownOperationException',
    );
    expect((await post(undefined, '{}')).body.__type).toBe('UnknownOperationException');
  });

  it('answers a malformed JSON body with SerializationException', async () => {
    const reply = await post('AmazonPersonalize.CreateDatasetGroup', '{"name": ');
    expect(reply.status).toBe(400);
    expect(reply.body.__type).toBe('SerializationException');
    expect(reply.body.message).toMatch(/^The request body is not valid JSON/);
    expect((await post('AmazonPersonalize.CreateDatasetGroup', '["name"]')).body).toEqual({
      __type: 'SerializationException',
      message: 'The request body must be a JSON object.',
    });
  });

  it('answers a field of the wrong type with SerializationException naming the field', async () => {
    const reply = await post('AmazonPersonalize.CreateDatasetGroup', '{"name": 42}');
    expect(reply.body).toEqual({
      __type: 'SerializationException',
      message: "Expected string at 'name' but found number",
    });
    const nested = await post(
      'AmazonPersonalize.CreateDatasetGroup',
      '{"name": "ok", "tags": [{"tagKey": "a", "tagValue": true}]}',
    );
    expect(nested.body.message).toBe("Expected string at 'tags[0].tagValue' but found boolean");
  });

  it('answers a missing required field with InvalidInputException naming it', async () => {
    const reply = await post('AmazonPersonalize.CreateSchema', '{"name": "s"}');
    expect(reply.body).toEqual({
      __type: 'InvalidInputException',
      message:
        "1 validation error detected: Value null at 'schema' failed to satisfy constraint: Member must not be null",
    });
  });

  it('lists every violation in one message', async () => {
    const reply = await post(
      'AmazonPersonalize.ListDatasetGroups',
      JSON.stringify({ maxResults: 0, nextToken: 'x'.repeat(1501) }),
    );
    expect(reply.body.__type).toBe('InvalidInputException');
    expect(reply.body.message).toMatch(/^2 validation errors detected: /);
    expect(reply.body.message).toContain(
      "Value 0 at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('refuses a body over 1 MiB with a 413 and no stack trace', async () => {
    const reply = await post(
      'AmazonPersonalize.CreateSchema',
      JSON.stringify({ name: 'big', schema: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({
      __type: 'RequestEntityTooLargeException',
      message: 'The request body is larger than the limit of 1048576 bytes.',
    });
  });

  it('accepts an empty body for an operation without required fields', async () => {
    const reply = await post('AmazonPersonalize.ListSchemas', '');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ schemas: [] });
  });

  it('serves the control plane under a base path', async () => {
    const reply = await post('AmazonPersonalize.ListSchemas', '{}', '/v1/');
    expect(reply.status).toBe(200);
  });

  it('answers GET /health', async () => {
    const response = await fetch(`${service.endpoint}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown path with an AWS-shaped error, not a stack trace', async () => {
    const response = await fetch(`${service.endpoint}/nowhere`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe(
      'UnknownOperationException',
    );
  });
});
