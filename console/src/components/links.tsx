/**
 * Navigation made of real links (an href to open in a new tab, bookmark or share) that the
 * router follows in place on a plain click: Cloudscape calls onFollow only for a click without
 * a modifier key, so a middle or ctrl click stays the browser's.
 */
import Link, { type LinkProps } from '@cloudscape-design/components/link';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

/** The console is served under /console/ (docs/console.md). */
export const BASENAME = '/console';

/** A router path as the browser's URL. */
export const href = (path: string): string => `${BASENAME}${path}`;

/** Follows a Cloudscape link (navigation, breadcrumbs) in place. */
export function useFollow(): (event: CustomEvent<{ href?: string; external?: boolean }>) => void {
  const navigate = useNavigate();
  return (event) => {
    const target = event.detail.href;
    if (!target || event.detail.external || !target.startsWith(BASENAME)) return;
    event.preventDefault();
    navigate(target.slice(BASENAME.length) || '/');
  };
}

export function ConsoleLink({
  to,
  children,
  ...props
}: { to: string; children: ReactNode } & Omit<LinkProps, 'href' | 'onFollow'>) {
  const follow = useFollow();
  return (
    <Link {...props} href={href(to)} onFollow={follow}>
      {children}
    </Link>
  );
}
