/**
 * A client that goes away mid-request is normal (issue 12): the local service logs no stack
 * trace for it, so a client cannot flood the log by connecting and leaving.
 */
import { ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestService, type TestService } from '../helpers/local-service';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

/** Sends the headers and part of the declared body, then closes the connection. */
async function leaveMidBody(endpoint: string, head: string[], part: string): Promise<void> {
  const { hostname, port } = new URL(endpoint);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write([...head, `Host: ${hostname}`, 'Content-Length: 1000', '', part].join('\r\n'));
  await sleep(50);
  socket.destroy();
}

const leaveApi = () =>
  leaveMidBody(
    service.endpoint,
    [
      'POST / HTTP/1.1',
      'Content-Type: application/x-amz-json-1.1',
      'X-Amz-Target: AmazonPersonalize.ListDatasetGroups',
    ],
    '{"maxResults":',
  );

const leaveS3 = () =>
  leaveMidBody(service.s3Endpoint, ['PUT /my-data/part.csv HTTP/1.1'], 'USER_ID');

it('logs nothing when clients leave in the middle of their requests to either endpoint, and keeps serving', async () => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    for (let i = 0; i < 5; i++) await leaveApi();
    for (let i = 0; i < 5; i++) await leaveS3();
    // The server notices each closed connection asynchronously.
    await sleep(200);

    expect(errors).not.toHaveBeenCalled();
    const listed = await service.personalize.send(new ListDatasetGroupsCommand({}));
    expect(listed.$metadata.httpStatusCode).toBe(200);
  } finally {
    errors.mockRestore();
  }
});
