/** What happened to the user's last actions, shown at the top of every page until dismissed. */
import Flashbar, { type FlashbarProps } from '@cloudscape-design/components/flashbar';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Notify {
  success(message: string): void;
  /** The API's refusal as it came: its exception name and message. */
  failure(action: string, error: unknown): void;
}

const NotifyContext = createContext<Notify | undefined>(undefined);

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify outside NotificationsProvider');
  return notify;
}

/** The exception name and message a client reads off the wire. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

let ids = 0;

export function NotificationsProvider({
  children,
}: {
  children: (flashbar: ReactNode) => ReactNode;
}) {
  const [items, setItems] = useState<FlashbarProps.MessageDefinition[]>([]);
  const add = useCallback((item: FlashbarProps.MessageDefinition) => {
    const id = String(++ids);
    const dismiss = () => setItems((all) => all.filter((i) => i.id !== id));
    setItems((all) => [{ ...item, id, dismissible: true, onDismiss: dismiss }, ...all].slice(0, 5));
  }, []);
  const notify = useMemo<Notify>(
    () => ({
      success: (message) => add({ type: 'success', content: message }),
      failure: (action, error) =>
        add({ type: 'error', header: `${action} failed`, content: describeError(error) }),
    }),
    [add],
  );
  return (
    <NotifyContext.Provider value={notify}>
      {children(<Flashbar items={items} />)}
    </NotifyContext.Provider>
  );
}
