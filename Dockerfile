# syntax=docker/dockerfile:1
# Brief in a container: `npm start` (Slack and/or Discord, digests) on plain node, no dev tools.
#   docker build -t brief .
#   docker run -d --name brief -p 3000:3000 -v brief-data:/data \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... brief
# See README.md, "Build and run in production".

# Build stage: compile dist/ and install the production dependencies. better-sqlite3 is a native
# addon: it downloads a prebuilt binary when one fits, else builds with python3, make and g++.
FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Install scripts off: `prepare` (the build) needs the sources, copied below; the one native
# addon is built explicitly.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: node, the compiled code, production dependencies and the files read at run time.
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
  NODE_OPTIONS=--enable-source-maps \
  BRIEF_DB=/data/brief.db \
  PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY prompts ./prompts
# The SQLite store (subscriptions, digest ledger, brief cache, token ledger) lives on a volume,
# owned by the unprivileged user the process runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Slim images have no curl: node itself asks the health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1: main.ts handles SIGTERM and SIGINT itself and stops cleanly.
CMD ["node", "dist/src/main.js"]
