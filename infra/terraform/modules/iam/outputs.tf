output "task_role_arns" {
  description = "Task role ARN per app role (api, orchestrator, media, ai)."
  value       = { for r, role in aws_iam_role.task : r => role.arn }
}

output "execution_role_arn" {
  description = "ECS task execution role ARN."
  value       = aws_iam_role.execution.arn
}

output "task_policies" {
  description = "Each app role's policy document (JSON), as attached to its task role: what make aws-e2e checks every AWS call against."
  value       = local.policies
}
