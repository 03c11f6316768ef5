variable "name" {
  description = "Cluster identifier and name prefix."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "vpc_cidr_block" {
  description = "CIDR allowed to connect on 5432 (the VPC: the tasks live in its private subnets)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the cluster."
  type        = list(string)
}

variable "engine_version" {
  description = "Aurora PostgreSQL version (pgvector ships with 15.2 and later)."
  type        = string
  default     = "16.4"
}

variable "database_name" {
  description = "Database the app connects to."
  type        = string
  default     = "aegis"
}

variable "master_username" {
  description = "Master user; its password is managed by RDS in Secrets Manager."
  type        = string
  default     = "aegis"
}

variable "min_capacity" {
  description = "Serverless v2 minimum ACUs."
  type        = number
  default     = 0.5
}

variable "max_capacity" {
  description = "Serverless v2 maximum ACUs."
  type        = number
  default     = 4
}

variable "instance_count" {
  description = "Cluster instances (2 = a writer and a reader in another zone)."
  type        = number
  default     = 1
}

variable "deletion_protection" {
  description = "Refuse deletion; with it on, a final snapshot is also taken if the cluster is ever destroyed."
  type        = bool
  default     = true
}
