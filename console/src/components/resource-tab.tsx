/**
 * A tab listing one kind of a group's resources: name (a link to its page where it has one),
 * the kind's own columns, status with its failure reason, and creation time; actions above.
 */
import Header from '@cloudscape-design/components/header';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import type { TabsProps } from '@cloudscape-design/components/tabs';
import type { ReactNode } from 'react';
import { shown } from './dates';
import { ConsoleLink } from './links';
import { Status } from './status';

interface Listed {
  name?: string;
  status?: string;
  failureReason?: string;
  creationDateTime?: Date;
}

export function resourceTab<T extends Listed>(tab: {
  id: string;
  title: string;
  items: T[];
  /** The resource's page. */
  link?: (item: T) => string;
  columns?: TableProps.ColumnDefinition<T>[];
  actions?: ReactNode;
  empty: string;
}): TabsProps.Tab {
  return {
    id: tab.id,
    label: `${tab.title} (${tab.items.length})`,
    content: (
      <Table
        variant="embedded"
        header={<Header actions={tab.actions}>{tab.title}</Header>}
        items={tab.items}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            cell: (item) =>
              tab.link ? <ConsoleLink to={tab.link(item)}>{item.name}</ConsoleLink> : item.name,
          },
          ...(tab.columns ?? []),
          {
            id: 'status',
            header: 'Status',
            cell: (item) => <Status status={item.status} reason={item.failureReason} />,
          },
          { id: 'created', header: 'Created', cell: (item) => shown(item.creationDateTime) },
        ]}
        empty={tab.empty}
      />
    ),
  };
}
