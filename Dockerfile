# Aegis: one image, every role (AEGIS_ROLES picks them). Build: docker build -t aegis .
# It needs a token issuer (AEGIS_ISSUER_URI, plus AEGIS_AUDIENCE or AEGIS_CLIENT_IDS) and refuses to start without
# one. A local try-out in dev mode (embedded S3/SQS/DynamoDB, data under /app/data, and well-known dev accounts, like `make run`), published
# on the host's loopback only:
#   docker run -p 127.0.0.1:8080:8080 -e AEGIS_DEV_MODE=true -e AEGIS_DEV_BIND_ADDRESS=0.0.0.0 aegis
# With emulators in their own containers: docker compose up (docker-compose.yml). Docker cannot run on the
# development machines: ContainerConfigTest keeps this file in step with the Makefile and application.yaml.

# --- build: the Spring Boot jar --------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# Dependencies in their own layer: a source change does not download them again.
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

# --- the embedded DynamoDB: dynalite pinned by embedded-dynamodb/package-lock.json, and Node 20 to run it -----------
# (Debian 12's own nodejs is 18; dynalite 4 needs >= 20.)
FROM node:20-bookworm-slim AS dynamodb
WORKDIR /embedded-dynamodb
COPY embedded-dynamodb/package.json embedded-dynamodb/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY embedded-dynamodb/server.js .

# --- runtime: Debian 12 + JRE 17, the platform the tools are tested on --------------------------------------------
# Debian 12 on purpose: its pocketsphinx 0.8 has the pocketsphinx_continuous CLI the transcribe step runs (newer
# distributions ship pocketsphinx 5 without it).
FROM debian:bookworm-slim
# The media tools the steps run through camel-exec: the Makefile's DEBIAN_PACKAGES.
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        openjdk-17-jre-headless ca-certificates libstdc++6 \
        curl ffmpeg libvips-tools pocketsphinx pocketsphinx-en-us tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd \
        hunspell-en-us hunspell-en-gb libheif-examples librsvg2-bin util-linux \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 aegis \
    && useradd --system --uid 10001 --gid aegis --home-dir /app --shell /usr/sbin/nologin aegis
WORKDIR /app
COPY --from=build /src/target/aegis-0.1.0-SNAPSHOT.jar app.jar
# The embedded DynamoDB the app starts as a child process (aegis.embedded.dynamodb-server, relative to /app).
COPY --from=dynamodb /usr/local/bin/node /usr/local/bin/node
COPY --from=dynamodb /embedded-dynamodb embedded-dynamodb
# Ops edit these without rebuilding: mount a directory over /app/routes (docker-compose.yml does).
COPY routes routes
RUN mkdir -p /app/data && chown -R aegis:aegis /app/data
USER aegis
EXPOSE 8080
# Heap follows the container's memory limit; serial GC and C1 only suit the 1-2 vCPU tasks (on 2 cores C2 kept a
# third of the CPU compiling; see the Makefile's JAVA_OPTS).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:TieredStopAtLevel=1" \
    AEGIS_DATA_DIR=/app/data
# Liveness, not readiness: a container whose AWS dependencies are down is not restarted (it is only not ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fs http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
