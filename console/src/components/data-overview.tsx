/**
 * An Interactions dataset's data as charts: interactions over time and per event type, how many
 * interactions users and items have, and how much the most popular items take (the long tail).
 */
import BarChart from '@cloudscape-design/components/bar-chart';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import PieChart from '@cloudscape-design/components/pie-chart';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Box from '@cloudscape-design/components/box';
import type { ReactNode } from 'react';
import type { DataOverview } from '../api/extensions';

function Titled({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Box variant="h3">{title}</Box>
      {children}
    </div>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `1`, `2–3`, `4–7`: the interaction counts a bucket holds. */
export const bucketLabel = (atLeast: number): string =>
  atLeast === 1 ? '1' : `${atLeast}–${2 * atLeast - 1}`;

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

export function DataOverviewCharts({ overview }: { overview: DataOverview }) {
  const { overTime } = overview;
  // Categories, not a time scale: Cloudscape draws bars only on a categorical axis.
  const periods = overTime.counts.map((count, k) => ({
    x: new Date(overTime.start * 1000 + k * overTime.days * DAY_MS).toLocaleDateString(),
    y: count,
  }));
  const distribution = (title: string, buckets: DataOverview['perUser']) => (
    <BarChart
      ariaLabel={title}
      series={[
        {
          title,
          type: 'bar',
          data: buckets.map((b) => ({ x: bucketLabel(b.atLeast), y: b.count })),
        },
      ]}
      xScaleType="categorical"
      xTitle="Interactions"
      yTitle={title}
      height={200}
      hideFilter
      hideLegend
    />
  );
  return (
    <Container
      header={
        <Header variant="h2" description="The imported data, counted at its latest import.">
          Data overview
        </Header>
      }
    >
      <SpaceBetween size="l">
        <KeyValuePairs
          columns={4}
          items={[
            { label: 'Interactions', value: overview.interactions.toLocaleString() },
            { label: 'Users', value: overview.users.toLocaleString() },
            { label: 'Items', value: overview.items.toLocaleString() },
            { label: 'Event types', value: String(overview.eventTypes.length) },
          ]}
        />
        <BarChart
          ariaLabel="Interactions over time"
          series={[
            {
              title:
                overTime.days === 1
                  ? 'Interactions per day'
                  : `Interactions per ${overTime.days} days`,
              type: 'bar',
              data: periods,
            },
          ]}
          xScaleType="categorical"
          xTitle={overTime.days === 1 ? 'Day' : `${overTime.days} days from`}
          yTitle="Interactions"
          height={220}
          hideFilter
        />
        <ColumnLayout columns={2}>
          <Titled title="Per event type">
            <PieChart
              ariaLabel="Interactions per event type"
              data={overview.eventTypes.map((e) => ({
                title: e.eventType || '(none)',
                value: e.count,
              }))}
              size="medium"
              hideFilter
              detailPopoverContent={(datum, sum) => [
                { key: 'Interactions', value: datum.value.toLocaleString() },
                { key: 'Share', value: percent(datum.value / sum) },
              ]}
            />
          </Titled>
          <Titled title="The long tail">
            <BarChart
              ariaLabel="Share of interactions of the most popular items"
              series={[
                {
                  title: 'Share of interactions',
                  type: 'bar',
                  data: overview.popularShare.map((s) => ({
                    x: `Top ${percent(s.items)}`,
                    y: s.interactions,
                  })),
                  valueFormatter: percent,
                },
              ]}
              xScaleType="categorical"
              yDomain={[0, 1]}
              yTickFormatter={percent}
              xTitle="Most popular items"
              yTitle="Share of interactions"
              height={200}
              hideFilter
              hideLegend
            />
          </Titled>
          <Titled title="Interactions per user">{distribution('Users', overview.perUser)}</Titled>
          <Titled title="Interactions per item">{distribution('Items', overview.perItem)}</Titled>
        </ColumnLayout>
      </SpaceBetween>
    </Container>
  );
}
