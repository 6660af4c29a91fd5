# The API and the web app, served together. Build: dependencies and the web bundle; run: non-root.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY referentials/package.json referentials/
COPY db/package.json db/
COPY guardrails/package.json guardrails/
COPY prompts/package.json prompts/
COPY ingestion/package.json ingestion/
COPY server/package.json server/
COPY web/package.json web/
COPY eval/package.json eval/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w web
# What runs is the sources through tsx (a runtime dependency of the server) and the built web app:
# the build and test tooling goes.
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The code belongs to root and is read-only to the process; `node` owns nothing it could rewrite.
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm run serve` runs (migrations, then the API), with node as the process that receives SIGTERM.
CMD ["node", "--import", "tsx", "server/src/main.ts"]
