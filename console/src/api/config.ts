/**
 * What the console is told by whoever serves it (docs/console.md): the local service answers
 * `config.json` itself; a deployed site has one written beside the console's files.
 */
export interface ConsoleConfig {
  /** The API's base URL; absent when the API answers at the console's own origin. */
  endpoint?: string;
  region: string;
  /** Whether the API checks signatures, so that the user must give credentials. */
  signIn: boolean;
  /** The service to sign for when not Personalize: `execute-api` behind API Gateway's IAM check. */
  signingName?: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  // Beside the console's own files, wherever the page's URL is.
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
