import { cleanup, render } from '@testing-library/react';
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { bucketLabel, DataOverviewCharts } from '../src/components/data-overview';

afterEach(cleanup);

describe('the data overview', () => {
  it('labels each bucket with the interaction counts it holds', () => {
    expect([1, 2, 4, 64].map(bucketLabel)).toEqual(['1', '2–3', '4–7', '64–127']);
  });

  it('shows the counts and a chart of each kind', () => {
    const { container } = render(
      <DataOverviewCharts
        overview={{
          interactions: 12_345,
          users: 67,
          items: 89,
          eventTypes: [
            { eventType: 'click', count: 12_000 },
            { eventType: 'buy', count: 345 },
          ],
          overTime: { days: 1, start: 1_700_006_400, counts: [100, 12_245] },
          perUser: [{ atLeast: 1, count: 67 }],
          perItem: [{ atLeast: 1, count: 89 }],
          popularShare: [{ items: 0.01, interactions: 0.5 }],
        }}
      />,
    );
    const wrapper = createWrapper(container);

    const pairs = wrapper.findKeyValuePairs()!.getElement().textContent;
    expect(pairs).toContain('Interactions12,345');
    expect(pairs).toContain('Event types2');
    expect(wrapper.findAllBarCharts()).toHaveLength(4);
    expect(wrapper.findPieChart()).not.toBeNull();
  });
});
