/**
 * The bar above every page: where the console is, and signing out where it signed in. AppLayout
 * keeps clear of it by its default header selector, `#b #h`, which the wrapper provides.
 */
import TopNavigation from '@cloudscape-design/components/top-navigation';
import type { ReactNode } from 'react';
import { href } from './links';

export function WithTopBar({
  region,
  onSignOut,
  children,
}: {
  region: string;
  onSignOut: (() => void) | undefined;
  children: ReactNode;
}) {
  return (
    <div id="b">
      <div id="h" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{ href: href('/'), title: 'Tailor' }}
          utilities={[
            { type: 'button', text: region, iconName: 'globe' },
            ...(onSignOut
              ? [{ type: 'button' as const, text: 'Sign out', onClick: onSignOut }]
              : []),
          ]}
        />
      </div>
      {children}
    </div>
  );
}
