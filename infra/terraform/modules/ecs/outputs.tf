output "cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "service_names" {
  description = "ECS service per app role."
  value       = { for r, s in aws_ecs_service.role : r => s.name }
}

output "alb_dns_name" {
  description = "DNS name of the API load balancer."
  value       = aws_lb.api.dns_name
}

output "api_url" {
  description = "Base URL of the API."
  value       = "${var.certificate_arn == null ? "http" : "https"}://${aws_lb.api.dns_name}"
}

output "log_groups" {
  description = "CloudWatch log group per app role."
  value       = { for r, g in aws_cloudwatch_log_group.role : r => g.name }
}
