# One image for every Fieldline app; the app is chosen by the first argument, its bundle:
#   docker run <image> dist/apps/notifier/main.js
# The build stage installs, bundles (npm run build) and prunes to production dependencies; the
# runtime stage carries only package.json, the pruned node_modules and the bundles.
ARG NODE_IMAGE=node:24.11-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npx tsx tools/deploy/src/main.ts build \
  && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# tini is PID 1: it forwards SIGTERM to Node (graceful shutdown) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
# The image's own `node` user, by number so Kubernetes can check runAsNonRoot. Nothing is
# written below /app, so the root filesystem can be mounted read-only.
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--", "node", "--enable-source-maps"]
CMD ["dist/apps/cli/main.js", "--help"]
