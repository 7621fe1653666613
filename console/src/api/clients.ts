/**
 * The three Personalize APIs as the console calls them: the official SDK v3 clients, pointed at
 * Tailor, so the console can do nothing a client of the API cannot (docs/console.md).
 */
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import type { ConsoleConfig } from './config';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Clients {
  personalize: PersonalizeClient;
  events: PersonalizeEventsClient;
  runtime: PersonalizeRuntimeClient;
}

/**
 * Without sign-in the service checks no signature, but the clients sign every request: these
 * stand-in keys give them something to sign with.
 */
export const UNCHECKED_CREDENTIALS: Credentials = {
  accessKeyId: 'tailor-console',
  secretAccessKey: 'unchecked',
};

export function createClients(config: ConsoleConfig, credentials: Credentials): Clients {
  const settings = {
    region: config.region,
    endpoint: config.endpoint ?? window.location.origin,
    credentials,
    // A console shows a refusal at once; the user decides whether to try again.
    maxAttempts: 1,
    ...(config.signingName ? signingFor(config.signingName, config.region) : {}),
  };
  return {
    personalize: new PersonalizeClient(settings),
    events: new PersonalizeEventsClient(settings),
    runtime: new PersonalizeRuntimeClient(settings),
  };
}

/** Signs for another service than Personalize, as docs/deploy.md shows for the SDK. */
const signingFor = (signingName: string, signingRegion: string) => ({
  httpAuthSchemeProvider: () => [
    {
      schemeId: 'aws.auth#sigv4',
      signingProperties: { signingName, signingRegion },
      propertiesExtractor: (config: unknown, context: unknown) => ({
        signingProperties: { config, context },
      }),
    },
  ],
});
