/** The clients and the notifications every page shares. */
import { createContext, useContext } from 'react';
import type { Clients } from './clients';

export const ClientsContext = createContext<Clients | undefined>(undefined);

export function useClients(): Clients {
  const clients = useContext(ClientsContext);
  if (!clients) throw new Error('useClients outside ClientsContext');
  return clients;
}
