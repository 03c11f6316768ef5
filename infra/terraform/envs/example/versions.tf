terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  # Keep state remote and locked for a real environment, e.g.:
  # backend "s3" {
  #   bucket         = "my-terraform-state"
  #   key            = "aegis/example.tfstate"
  #   region         = "us-east-1"
  #   dynamodb_table = "terraform-locks"
  #   encrypt        = true
  # }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Project = "aegis", Environment = var.environment }, var.tags)
  }
}
