import { cleanup, render } from '@testing-library/react';
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { Status } from '../src/components/status';

afterEach(cleanup);

const shown = (status?: string, reason?: string) => {
  const { container } = render(<Status status={status} reason={reason} />);
  const indicator = createWrapper(container).findStatusIndicator()!;
  return { text: indicator.getElement().textContent, type: indicator.getElement().outerHTML };
};

describe('Status', () => {
  it.each([
    ['ACTIVE', 'success'],
    ['CREATE PENDING', 'pending'],
    ['CREATE IN_PROGRESS', 'in-progress'],
    ['CREATE FAILED', 'error'],
    ['CREATE STOPPED', 'stopped'],
  ])('shows %s as %s', (status, type) => {
    const { text, type: html } = shown(status);
    expect(text).toBe(status);
    expect(html).toContain(`status-${type}`);
  });

  it('names the failure reason beside a failed status, and None for no status', () => {
    expect(shown('CREATE FAILED', 'Insufficient data').text).toBe(
      'CREATE FAILED: Insufficient data',
    );
    expect(shown(undefined).text).toBe('None');
  });
});
