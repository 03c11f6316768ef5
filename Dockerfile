# Aegis: one image, every role. Build: docker build -t aegis . ; run: docker run -p 8080:8080 aegis
# (not buildable on the development machines, which have no Docker engine: kept in step with `make run`).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# The media tools the steps run through camel-exec (same list as the Makefile's DEBIAN_PACKAGES).
RUN apt-get update && apt-get install -y --no-install-recommends curl ffmpeg pocketsphinx pocketsphinx-en-us \
        tesseract-ocr tesseract-ocr-eng && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/aegis-0.1.0-SNAPSHOT.jar app.jar
COPY routes routes
RUN useradd --system --home /app aegis && mkdir -p /app/data && chown -R aegis /app
USER aegis
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-Xmx512m -XX:+UseSerialGC"
HEALTHCHECK CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
