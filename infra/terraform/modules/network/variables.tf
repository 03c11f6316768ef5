variable "name" {
  description = "Name prefix of the VPC and its parts."
  type        = string
}

variable "cidr_block" {
  description = "VPC CIDR; public subnets take /24s from .0, private ones from .128 (so at least a /16)."
  type        = string
  default     = "10.40.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread the subnets over."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 4
    error_message = "az_count must be between 2 (an ALB needs two) and 4."
  }
}

variable "nat_gateway_count" {
  description = "NAT gateways: 1 is cheapest, one per AZ (= az_count) survives an AZ outage."
  type        = number
  default     = 1

  validation {
    condition     = var.nat_gateway_count >= 1
    error_message = "At least one NAT gateway: the tasks reach SQS, ECR, CloudWatch Logs, Cognito and AI providers through it."
  }
}

variable "interface_endpoints" {
  description = "Extra interface endpoints (e.g. [\"sqs\", \"logs\", \"ecr.api\", \"ecr.dkr\", \"bedrock-runtime\"]) to keep that traffic off the NAT gateway."
  type        = list(string)
  default     = []
}
