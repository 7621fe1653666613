/**
 * Testing what a campaign or a recommender serves, as an application would ask: a user or an
 * item, a filter and its values, a promotion, item metadata, how many results → the list with
 * scores, reasons, promotions and metadata; record an event for that user and see the list
 * change. GetRecommendations takes either ARN.
 */
import { DescribeEventTrackerCommand, type PersonalizeClient } from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { GetRecommendationsCommand, type PredictedItem } from '@aws-sdk/client-personalize-runtime';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useClients } from '../api/context';
import { listEventTrackers, listFilters } from '../api/lists';
import { describeError, useNotify } from './notifications';

/** What the test can use: the group's ACTIVE filters and event trackers. */
export async function loadTestChoices(client: PersonalizeClient, datasetGroupArn: string) {
  const [filters, trackers] = await Promise.all([
    listFilters(client, datasetGroupArn),
    listEventTrackers(client, datasetGroupArn),
  ]);
  return {
    filters: filters.filter((f) => f.status === 'ACTIVE'),
    trackers: trackers.filter((t) => t.status === 'ACTIVE'),
  };
}

/** Whom GetRecommendations asks. */
export type Target = { campaignArn: string } | { recommenderArn: string };

/** A session per page visit: the events recorded here belong to one. */
const SESSION = `console-${Math.random().toString(36).slice(2)}`;

type Option = { value?: string; label?: string };

export function RecommendationsTest({
  target,
  filters,
  trackers,
}: {
  target: Target;
  filters: { filterArn?: string; name?: string }[];
  trackers: { eventTrackerArn?: string; name?: string }[];
}) {
  const what = 'campaignArn' in target ? 'campaign' : 'recommender';
  const { runtime, events, personalize } = useClients();
  const notify = useNotify();
  const [userId, setUserId] = useState('');
  const [itemId, setItemId] = useState('');
  const [numResults, setNumResults] = useState('10');
  const [filter, setFilter] = useState<Option>({ label: 'None' });
  const [filterValues, setFilterValues] = useState('');
  const [promotion, setPromotion] = useState<Option>({ label: 'None' });
  const [promotedPercent, setPromotedPercent] = useState('20');
  const [metadataColumns, setMetadataColumns] = useState('');
  const [items, setItems] = useState<PredictedItem[]>();
  /** The metadata columns the shown list was asked with. */
  const [shownColumns, setShownColumns] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [tracker, setTracker] = useState<Option>();
  const [eventType, setEventType] = useState('click');
  const [eventItem, setEventItem] = useState('');
  const valuesError = (() => {
    if (!filterValues) return undefined;
    try {
      JSON.parse(filterValues);
      return undefined;
    } catch {
      return 'A JSON object, e.g. {"GENRE": "\\"comedy\\""}';
    }
  })();

  const columns = metadataColumns
    .split(',')
    .map((column) => column.trim())
    .filter(Boolean);
  const recommend = async () => {
    setError(undefined);
    try {
      const answer = await runtime.send(
        new GetRecommendationsCommand({
          ...target,
          ...(userId ? { userId } : {}),
          ...(itemId ? { itemId } : {}),
          numResults: Number(numResults),
          ...(filter.value ? { filterArn: filter.value } : {}),
          ...(filterValues
            ? { filterValues: JSON.parse(filterValues) as Record<string, string> }
            : {}),
          ...(promotion.value
            ? {
                promotions: [
                  {
                    name: promotion.label,
                    filterArn: promotion.value,
                    percentPromotedItems: Number(promotedPercent),
                  },
                ],
              }
            : {}),
          ...(columns.length > 0 ? { metadataColumns: { ITEMS: columns } } : {}),
        }),
      );
      setItems(answer.itemList ?? []);
      setShownColumns(columns);
    } catch (failure) {
      setItems(undefined);
      setError(describeError(failure));
    }
  };

  const record = async () => {
    try {
      const { eventTracker } = await personalize.send(
        new DescribeEventTrackerCommand({
          eventTrackerArn: tracker!.value,
        }),
      );
      await events.send(
        new PutEventsCommand({
          trackingId: eventTracker!.trackingId,
          userId,
          sessionId: SESSION,
          eventList: [{ eventType, itemId: eventItem, sentAt: new Date() }],
        }),
      );
      notify.success(`Recorded ${eventType} of ${eventItem} for ${userId}.`);
      await recommend();
    } catch (failure) {
      notify.failure('Recording the event', failure);
    }
  };

  return (
    <SpaceBetween size="l">
      <Container
        header={
          <Header variant="h2" description={`Ask the ${what} as an application would.`}>
            Test {what} results
          </Header>
        }
      >
        <form onSubmit={(event) => (event.preventDefault(), void recommend())}>
          <SpaceBetween size="m">
            <ColumnLayout columns={3}>
              <FormField label="User ID">
                <Input value={userId} onChange={({ detail }) => setUserId(detail.value)} />
              </FormField>
              <FormField label="Item ID" description="For related items.">
                <Input value={itemId} onChange={({ detail }) => setItemId(detail.value)} />
              </FormField>
              <FormField label="Number of results">
                <Input
                  type="number"
                  value={numResults}
                  onChange={({ detail }) => setNumResults(detail.value)}
                />
              </FormField>
              <FormField label="Filter">
                <Select
                  selectedOption={filter}
                  options={[
                    { label: 'None' },
                    ...filters.map((f) => ({ value: f.filterArn, label: f.name })),
                  ]}
                  onChange={({ detail }) => setFilter(detail.selectedOption)}
                />
              </FormField>
              <FormField label="Filter values" errorText={valuesError}>
                <Input
                  value={filterValues}
                  placeholder='{"GENRE": "\"comedy\""}'
                  onChange={({ detail }) => setFilterValues(detail.value)}
                />
              </FormField>
              <FormField label="Promote the items of a filter">
                <Select
                  selectedOption={promotion}
                  options={[
                    { label: 'None' },
                    ...filters.map((f) => ({ value: f.filterArn, label: f.name })),
                  ]}
                  onChange={({ detail }) => setPromotion(detail.selectedOption)}
                />
              </FormField>
              <FormField label="Share promoted (%)">
                <Input
                  type="number"
                  value={promotedPercent}
                  disabled={!promotion.value}
                  onChange={({ detail }) => setPromotedPercent(detail.value)}
                />
              </FormField>
              <FormField
                label="Item metadata columns"
                description="Comma-separated; the campaign must return metadata."
              >
                <Input
                  value={metadataColumns}
                  placeholder="GENRES, PRICE"
                  onChange={({ detail }) => setMetadataColumns(detail.value)}
                />
              </FormField>
            </ColumnLayout>
            <Button variant="primary" disabled={!!valuesError}>
              Get recommendations
            </Button>
          </SpaceBetween>
        </form>
      </Container>
      {(items || error) && (
        <Table
          header={
            <Header variant="h2" counter={items ? `(${items.length})` : undefined}>
              Recommendations
            </Header>
          }
          items={items ?? []}
          columnDefinitions={[
            { id: 'rank', header: '#', cell: (item) => (items?.indexOf(item) ?? 0) + 1 },
            { id: 'item', header: 'Item', cell: (item) => item.itemId },
            {
              id: 'score',
              header: 'Score',
              cell: (item) => (item.score === undefined ? '-' : item.score.toFixed(5)),
            },
            { id: 'reason', header: 'Reason', cell: (item) => item.reason?.join(', ') ?? '-' },
            { id: 'promotion', header: 'Promotion', cell: (item) => item.promotionName ?? '-' },
            ...(shownColumns.length > 0
              ? [
                  {
                    id: 'metadata',
                    header: 'Metadata',
                    cell: (item: PredictedItem) =>
                      Object.entries(item.metadata ?? {})
                        .map(([column, value]) => `${column}: ${value}`)
                        .join('; ') || '-',
                  },
                ]
              : []),
          ]}
          empty={error ?? 'No items.'}
        />
      )}
      <Container
        header={
          <Header
            variant="h2"
            description="Record an interaction of this user through an event tracker, then see the list again."
          >
            Record an event
          </Header>
        }
      >
        <SpaceBetween size="m">
          <ColumnLayout columns={3}>
            <FormField label="Event tracker">
              <Select
                selectedOption={tracker ?? null}
                placeholder={
                  trackers.length ? 'Choose a tracker' : 'The group has no ACTIVE event tracker'
                }
                options={trackers.map((t) => ({ value: t.eventTrackerArn, label: t.name }))}
                onChange={({ detail }) => setTracker(detail.selectedOption)}
              />
            </FormField>
            <FormField label="Event type">
              <Input value={eventType} onChange={({ detail }) => setEventType(detail.value)} />
            </FormField>
            <FormField label="Item ID">
              <Input value={eventItem} onChange={({ detail }) => setEventItem(detail.value)} />
            </FormField>
          </ColumnLayout>
          <Button
            disabled={!tracker || !userId || !eventItem || !eventType}
            onClick={() => void record()}
          >
            Record and refresh
          </Button>
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
