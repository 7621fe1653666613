/** The console's frame: navigation, notifications and the pages, each at a URL naming its resource. */
import AppLayout from '@cloudscape-design/components/app-layout';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { href, useFollow } from './components/links';
import { NotificationsProvider } from './components/notifications';
import { BatchInferenceJobsPage } from './pages/batch-inference-jobs';
import { CampaignPage } from './pages/campaign';
import { CreateCampaignPage } from './pages/create-campaign';
import { CreateDatasetGroupPage } from './pages/create-dataset-group';
import { CreateRecommenderPage } from './pages/create-recommender';
import { CreateSolutionPage } from './pages/create-solution';
import { DatasetGroupPage } from './pages/dataset-group';
import { DatasetGroupsPage } from './pages/dataset-groups';
import { DatasetPage } from './pages/dataset';
import { NotFoundPage } from './pages/not-found';
import { RecommenderPage } from './pages/recommender';
import { SolutionPage } from './pages/solution';

export function App() {
  const follow = useFollow();
  const { pathname } = useLocation();
  const group = /^\/dataset-groups\/([^/]+)/.exec(pathname)?.[1];
  const groupItems =
    group && group !== 'create'
      ? [
          {
            type: 'section' as const,
            text: decodeURIComponent(group),
            items: [
              { type: 'link' as const, text: 'Overview', href: href(`/dataset-groups/${group}`) },
              {
                type: 'link' as const,
                text: 'Batch inference jobs',
                href: href(`/dataset-groups/${group}/batch-inference-jobs`),
              },
            ],
          },
        ]
      : [];
  return (
    <NotificationsProvider>
      {(flashbar) => (
        <AppLayout
          navigation={
            <SideNavigation
              header={{ text: 'Tailor', href: href('/') }}
              activeHref={href(pathname)}
              onFollow={follow}
              items={[
                { type: 'link', text: 'Dataset groups', href: href('/dataset-groups') },
                ...groupItems,
              ]}
            />
          }
          notifications={flashbar}
          toolsHide
          content={
            <Routes>
              <Route path="/" element={<Navigate to="/dataset-groups" replace />} />
              <Route path="/dataset-groups" element={<DatasetGroupsPage />} />
              <Route path="/dataset-groups/create" element={<CreateDatasetGroupPage />} />
              <Route path="/dataset-groups/:group" element={<DatasetGroupPage />} />
              <Route path="/dataset-groups/:group/datasets/:type" element={<DatasetPage />} />
              <Route
                path="/dataset-groups/:group/solutions/create"
                element={<CreateSolutionPage />}
              />
              <Route path="/dataset-groups/:group/solutions/:name" element={<SolutionPage />} />
              <Route
                path="/dataset-groups/:group/campaigns/create"
                element={<CreateCampaignPage />}
              />
              <Route path="/dataset-groups/:group/campaigns/:name" element={<CampaignPage />} />
              <Route
                path="/dataset-groups/:group/recommenders/create"
                element={<CreateRecommenderPage />}
              />
              <Route
                path="/dataset-groups/:group/recommenders/:name"
                element={<RecommenderPage />}
              />
              <Route
                path="/dataset-groups/:group/batch-inference-jobs"
                element={<BatchInferenceJobsPage />}
              />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          }
        />
      )}
    </NotificationsProvider>
  );
}
