/** Dataset groups: the list, with creation and deletion. */
import { DeleteDatasetGroupCommand, type DatasetGroupSummary } from '@aws-sdk/client-personalize';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClients } from '../api/context';
import { listDatasetGroups } from '../api/lists';
import { isChanging, useLoad } from '../api/use-load';
import { shown } from '../components/dates';
import { ConsoleLink } from '../components/links';
import { describeError, useNotify } from '../components/notifications';
import { Status } from '../components/status';

export function DatasetGroupsPage() {
  const { personalize } = useClients();
  const notify = useNotify();
  const navigate = useNavigate();
  const groups = useLoad(
    ['dataset-groups'],
    () => listDatasetGroups(personalize),
    (all) => all.some((g) => isChanging(g.status)),
  );
  const [selected, setSelected] = useState<DatasetGroupSummary[]>([]);
  const [confirming, setConfirming] = useState(false);
  const target = selected[0];

  const remove = async () => {
    setConfirming(false);
    try {
      await personalize.send(
        new DeleteDatasetGroupCommand({ datasetGroupArn: target!.datasetGroupArn }),
      );
      notify.success(`Deleting dataset group ${target!.name}.`);
      setSelected([]);
    } catch (error) {
      notify.failure(`Deleting ${target!.name}`, error);
    }
    groups.reload();
  };

  return (
    <>
      <Table
        header={
          <Header
            variant="h1"
            counter={groups.data ? `(${groups.data.length})` : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button iconName="refresh" ariaLabel="Refresh" onClick={groups.reload} />
                <Button disabled={!target} onClick={() => setConfirming(true)}>
                  Delete
                </Button>
                <Button variant="primary" onClick={() => navigate('/dataset-groups/create')}>
                  Create dataset group
                </Button>
              </SpaceBetween>
            }
            description="Each dataset group holds its datasets, models and the campaigns that serve them."
          >
            Dataset groups
          </Header>
        }
        loading={groups.loading && !groups.data}
        loadingText="Loading dataset groups"
        items={groups.data ?? []}
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={({ detail }) => setSelected(detail.selectedItems)}
        trackBy="datasetGroupArn"
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            cell: (g) => <ConsoleLink to={`/dataset-groups/${g.name}`}>{g.name}</ConsoleLink>,
          },
          { id: 'domain', header: 'Domain', cell: (g) => g.domain ?? 'Custom' },
          {
            id: 'status',
            header: 'Status',
            cell: (g) => <Status status={g.status} reason={g.failureReason} />,
          },
          { id: 'created', header: 'Created', cell: (g) => shown(g.creationDateTime) },
        ]}
        empty={
          <Box textAlign="center" color="inherit">
            {groups.error
              ? `Could not list: ${describeError(groups.error)}`
              : 'No dataset groups yet.'}
          </Box>
        }
      />
      <Modal
        visible={confirming}
        onDismiss={() => setConfirming(false)}
        header={`Delete ${target?.name}?`}
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button variant="primary" onClick={remove}>
                Delete
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        A dataset group can be deleted once its datasets, solutions, filters and event trackers are.
      </Modal>
    </>
  );
}
