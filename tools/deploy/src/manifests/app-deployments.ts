import { bundlePath } from '../build/build-apps';
import { componentOf, type Manifest } from './manifest';

/** The port every app listens on in a pod (PORT), named `http`. */
export const appPort = 8080;

/**
 * What a user checks of each service's deployment: it exists, runs the app's own bundle, listens
 * on the named http port its PORT says, is probed on /healthz (startup, liveness) and /readyz
 * (readiness) through that port, and has a Service that reaches it. One line per problem.
 */
export function appDeploymentProblems(
  manifests: readonly Manifest[],
  apps: readonly string[],
): string[] {
  return apps.flatMap((app) => {
    const deployment = componentOf(manifests, 'Deployment', app);
    if (!deployment) return [`${app}: no Deployment`];
    const problems: string[] = [];
    const container = deployment.spec?.template?.spec?.containers?.[0] ?? {};
    const expect = (ok: boolean, problem: string) => ok || problems.push(`${app}: ${problem}`);
    expect(
      JSON.stringify(container.args) === JSON.stringify([bundlePath(app)]),
      `runs ${JSON.stringify(container.args)}, not its bundle ${bundlePath(app)}`,
    );
    const http = (container.ports ?? []).find((port: { name: string }) => port.name === 'http');
    expect(http?.containerPort === appPort, `no container port "http" ${appPort}`);
    const portEnv = (container.env ?? []).find((env: { name: string }) => env.name === 'PORT');
    expect(portEnv?.value === String(appPort), `PORT is ${portEnv?.value}, not ${appPort}`);
    for (const [probe, path] of [
      ['startupProbe', '/healthz'],
      ['livenessProbe', '/healthz'],
      ['readinessProbe', '/readyz'],
    ] as const) {
      const get = container[probe]?.httpGet;
      expect(
        get?.path === path && get?.port === 'http',
        `${probe} is not GET ${path} on port http`,
      );
    }
    const service = componentOf(manifests, 'Service', app);
    expect(
      service?.spec?.ports?.some((port: { targetPort: unknown }) => port.targetPort === 'http') ===
        true,
      'no Service targeting port http',
    );
    return problems;
  });
}
