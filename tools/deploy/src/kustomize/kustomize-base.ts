import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderChart } from '../chart/helm-chart';
import { repoRoot } from '../repo-root';
import type { DeployTools } from '../tooling/deploy-tools';

export const k8sDir = path.join(repoRoot, 'k8s');
/** The chart values the Kustomize base is rendered with. */
export const baseValuesFile = path.join(k8sDir, 'chart-values.yaml');
export const baseManifestsFile = path.join(k8sDir, 'base', 'fieldline.yaml');
export const overlays = ['dev', 'prod'] as const;

const header = `# Generated from the Helm chart (helm/fieldline) with k8s/chart-values.yaml by
# \`npm run deploy:generate\`; do not edit. Change the chart or the overlays instead: a test fails
# when this file and the chart disagree.
`;

/**
 * The Kustomize base: the chart rendered with k8s/chart-values.yaml, without what only Helm
 * uses (its chart label and hook annotations). The deploy Job then runs when first applied; a
 * new version needs it deleted and applied again (docs/deploy.md).
 */
export async function kustomizeBase(tools: Pick<DeployTools, 'helm'>): Promise<string> {
  const rendered = await renderChart(tools, { valuesFiles: [baseValuesFile] });
  const documents = parseAllDocuments(rendered).filter((document) => document.contents !== null);
  for (const document of documents) {
    for (const labels of [
      ['metadata', 'labels'],
      ['spec', 'template', 'metadata', 'labels'],
    ]) {
      if (document.hasIn([...labels, 'helm.sh/chart'])) {
        document.deleteIn([...labels, 'helm.sh/chart']);
        document.setIn([...labels, 'app.kubernetes.io/managed-by'], 'kustomize');
      }
    }
    for (const key of ['helm.sh/hook', 'helm.sh/hook-weight', 'helm.sh/hook-delete-policy']) {
      if (document.hasIn(['metadata', 'annotations', key])) {
        document.deleteIn(['metadata', 'annotations', key]);
      }
    }
    const annotations = document.getIn(['metadata', 'annotations']) as
      { items?: unknown[] } | undefined;
    if (annotations?.items?.length === 0) document.deleteIn(['metadata', 'annotations']);
    document.commentBefore = null;
    if (document.contents) document.contents.commentBefore = null;
  }
  const yaml = documents.map((document) =>
    document.toString({ lineWidth: 0 }).replace(/^---\n/, ''),
  );
  return header + yaml.map((text) => `---\n${text}`).join('');
}
