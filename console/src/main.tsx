/** Starts the console: reads its config, asks for credentials where the API checks them. */
import '@cloudscape-design/global-styles/index.css';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';
import { createClients, UNCHECKED_CREDENTIALS, type Credentials } from './api/clients';
import { loadConfig, type ConsoleConfig } from './api/config';
import { ClientsContext } from './api/context';
import { BASENAME } from './components/links';
import { forgetCredentials, SignIn, storedCredentials } from './pages/sign-in';
import { WithTopBar } from './components/top-bar';

// A refusal is shown at once: the user decides whether to ask again.
const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function Console({ config }: { config: ConsoleConfig }) {
  const [credentials, setCredentials] = useState<Credentials | undefined>(() =>
    config.signIn ? storedCredentials() : UNCHECKED_CREDENTIALS,
  );
  const clients = useMemo(
    () => credentials && createClients(config, credentials),
    [config, credentials],
  );
  if (!clients) return <SignIn onSignIn={setCredentials} />;
  const signOut = () => {
    forgetCredentials();
    queries.clear();
    setCredentials(undefined);
  };
  return (
    <ClientsContext.Provider value={clients}>
      <QueryClientProvider client={queries}>
        <BrowserRouter basename={BASENAME}>
          <WithTopBar region={config.region} onSignOut={config.signIn ? signOut : undefined}>
            <App />
          </WithTopBar>
        </BrowserRouter>
      </QueryClientProvider>
    </ClientsContext.Provider>
  );
}

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <Console config={config} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<p>The console could not start: {String(error)}</p>),
);
