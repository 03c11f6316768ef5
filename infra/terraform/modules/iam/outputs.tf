output "task_role_arns" {
  description = "Task role ARN per app role (api, orchestrator, media, ai)."
  value       = { for r, role in aws_iam_role.task : r => role.arn }
}

output "execution_role_arn" {
  description = "ECS task execution role ARN."
  value       = aws_iam_role.execution.arn
}
