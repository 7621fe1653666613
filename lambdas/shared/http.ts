/** API Gateway REST proxy events as the core's transport-neutral HttpRequest. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { HttpRequest } from '../../layers/core/api/http';

export function fromProxyEvent(event: APIGatewayProxyEvent): HttpRequest {
  const headers: HttpRequest['headers'] = {};
  // Console test events without headers carry null, not {}.
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const body = event.body ?? '';
  return {
    method: event.httpMethod,
    // Without the stage (`POST /prod/` arrives as `/`); a custom domain's base path stays,
    // which createApi accepts.
    path: event.path,
    headers,
    body: event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
  };
}
