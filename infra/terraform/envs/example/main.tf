# An example environment: the whole of Aegis in one region. Copy this directory per environment.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  name                  = "aegis-${var.environment}"
  raw_bucket_name       = coalesce(var.raw_bucket_name, "aegis-raw-${var.environment}-${data.aws_caller_identity.current.account_id}")
  processed_bucket_name = coalesce(var.processed_bucket_name, "aegis-processed-${var.environment}-${data.aws_caller_identity.current.account_id}")
  # Known before the bucket exists, so the ingest queue policy and the bucket notification need no cycle.
  raw_bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${local.raw_bucket_name}"
}

module "network" {
  source              = "../../modules/network"
  name                = local.name
  cidr_block          = var.vpc_cidr_block
  az_count            = var.az_count
  nat_gateway_count   = var.nat_gateway_count
  interface_endpoints = var.interface_endpoints
}

module "queues" {
  source            = "../../modules/queues"
  max_receive_count = var.max_receive_count
  raw_bucket_arn    = local.raw_bucket_arn
  alarm_topic_name  = "${local.name}-alarms"
  alarm_emails      = var.alarm_emails
}

module "storage" {
  source                = "../../modules/storage"
  raw_bucket_name       = local.raw_bucket_name
  processed_bucket_name = local.processed_bucket_name
  ingest_queue_arn      = module.queues.ingest_queue_arn
  force_destroy         = var.force_destroy
  tenant_retention_days = var.tenant_retention_days
}

module "tables" {
  source              = "../../modules/tables"
  deletion_protection = var.deletion_protection
}

module "auth" {
  source              = "../../modules/auth"
  name                = local.name
  domain_prefix       = var.cognito_domain_prefix
  clients             = var.cognito_clients
  deletion_protection = var.deletion_protection
}

module "iam" {
  source                   = "../../modules/iam"
  name                     = local.name
  queue_arns               = module.queues.queue_arns
  dlq_arns                 = module.queues.dlq_arns
  raw_bucket_arn           = module.storage.raw_bucket_arn
  processed_bucket_arn     = module.storage.processed_bucket_arn
  table_arns               = module.tables.table_arns
  jobs_by_tenant_index     = module.tables.jobs_by_tenant_index
  jobs_queued_index        = module.tables.jobs_queued_index
  uploads_indexes          = module.tables.uploads_indexes
  job_events_topic_arn     = module.queues.job_events_topic_arn
  jobs_unfinished_index    = module.tables.jobs_unfinished_index
  webhooks_by_tenant_index = module.tables.webhooks_by_tenant_index
  bedrock_model_arns       = var.bedrock_model_arns
  secret_arns              = concat(values(var.container_secrets), [module.database.master_secret_arn])
}

module "database" {
  source              = "../../modules/database"
  name                = "${local.name}-search"
  vpc_id              = module.network.vpc_id
  vpc_cidr_block      = module.network.vpc_cidr_block
  subnet_ids          = module.network.private_subnet_ids
  deletion_protection = var.deletion_protection
}

module "ecs" {
  source             = "../../modules/ecs"
  name               = local.name
  image              = var.image
  vpc_id             = module.network.vpc_id
  vpc_cidr_block     = module.network.vpc_cidr_block
  public_subnet_ids  = module.network.public_subnet_ids
  private_subnet_ids = module.network.private_subnet_ids
  services           = var.services
  task_role_arns     = module.iam.task_role_arns
  execution_role_arn = module.iam.execution_role_arn
  certificate_arn    = var.certificate_arn
  issuer_uri         = module.auth.issuer_uri
  allowed_cidrs      = var.allowed_cidrs
  cpu_architecture   = var.cpu_architecture

  # Each worker role scales on the queues it consumes.
  scaling_queues = {
    orchestrator = [module.queues.queue_names["jobs"], module.queues.queue_names["jobs_priority"], module.queues.queue_names["ingest"], module.queues.queue_names["webhooks"]]
    media        = [module.queues.queue_names["media"]]
    ai           = [module.queues.queue_names["ai"]]
  }

  environment = local.app_environment
  secrets = merge(var.container_secrets, {
    AEGIS_SEARCH_DB_PASSWORD = "${module.database.master_secret_arn}:password::"
  })
}

locals {
  # Placeholders of src/main/resources/application.yaml (AEGIS_TENANT_CLAIM, AEGIS_CLIENT_IDS and
  # AEGIS_SCOPE_PREFIX come with the security work of issue 6), plus the relaxed-binding names of the bucket
  # names (aegis.buckets.*), which have no placeholder. The same for every role (the ECS module adds AEGIS_ROLES and,
  # last, AEGIS_ISSUER_URI from issuer_uri, which nothing here can replace); output with the issuer as app_environment,
  # which the end-to-end test (make aws-e2e) starts its processes with.
  app_environment = merge({
    AEGIS_AWS_EMBEDDED      = "false"
    AEGIS_CREATE_RESOURCES  = "false"
    AWS_REGION              = var.region
    AEGIS_AWS_ACCOUNT_ID    = data.aws_caller_identity.current.account_id
    AEGIS_BUCKETS_RAW       = module.storage.raw_bucket_name
    AEGIS_BUCKETS_PROCESSED = module.storage.processed_bucket_name
    # Every raw-bucket landing arrives as an S3 event on aegis-ingest: no polling for presigned uploads.
    AEGIS_PRESIGN_POLL         = "false"
    AEGIS_JOB_EVENTS_TOPIC_ARN = module.queues.job_events_topic_arn
    AEGIS_RATE_LIMIT_SHARED    = "true"
    AEGIS_SEARCH_STORE         = "pgvector"
    AEGIS_SEARCH_DB_URL        = module.database.jdbc_url
    AEGIS_SEARCH_DB_USER       = module.database.username
    AEGIS_AUDIENCE             = var.jwt_audience
    AEGIS_TENANT_CLAIM         = var.tenant_claim
    AEGIS_SCOPE_PREFIX         = module.auth.scope_prefix
    AEGIS_CLIENT_IDS           = join(",", values(module.auth.client_ids))
    # The same map as the storage module's lifecycle rules: the app deletes first, S3 is the backstop.
    AEGIS_RETENTION_DAYS = join(",", [for tenant, days in var.tenant_retention_days : "${tenant}=${days}"])
  }, var.extra_environment)
}
