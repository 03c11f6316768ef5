# Test-only (make aws-e2e): copied beside envs/example's files in a scratch copy of infra/terraform, never into
# the shipped tree. Points the AWS provider at moto on loopback (var.moto_endpoint, declared in moto_variables.tf)
# and skips what only real AWS has.
provider "aws" {
  access_key                  = "e2e-terraform"
  secret_key                  = "e2e-terraform"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true

  endpoints {
    applicationautoscaling = var.moto_endpoint
    cloudfront             = var.moto_endpoint
    cloudwatch             = var.moto_endpoint
    cognitoidp             = var.moto_endpoint
    dynamodb               = var.moto_endpoint
    ec2                    = var.moto_endpoint
    ecs                    = var.moto_endpoint
    elbv2                  = var.moto_endpoint
    iam                    = var.moto_endpoint
    logs                   = var.moto_endpoint
    rds                    = var.moto_endpoint
    s3                     = var.moto_endpoint
    secretsmanager         = var.moto_endpoint
    sns                    = var.moto_endpoint
    sqs                    = var.moto_endpoint
    sts                    = var.moto_endpoint
  }
}
