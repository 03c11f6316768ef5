# Test-only (make aws-e2e): one IAM user per app role carrying exactly that role's task policy (module.iam's
# task_policies, the documents its task roles get), so each process of the test runs with its role's permissions under moto's IAM enforcement
# (an ECS task would assume the role; moto checks trust policies, which admit only ecs-tasks.amazonaws.com). Plus an
# admin user for the test's own checks.
locals {
  e2e_roles = toset(["api", "orchestrator", "media", "ai"])
}

resource "aws_iam_user" "e2e" {
  for_each = local.e2e_roles
  name     = "e2e-${each.key}"
}

resource "aws_iam_user_policy" "e2e" {
  for_each = local.e2e_roles
  name     = "task-role-policy"
  user     = aws_iam_user.e2e[each.key].name
  policy   = module.iam.task_policies[each.key]
}

resource "aws_iam_access_key" "e2e" {
  for_each = local.e2e_roles
  user     = aws_iam_user.e2e[each.key].name
}

resource "aws_iam_user" "e2e_admin" {
  name = "e2e-admin"
}

resource "aws_iam_user_policy" "e2e_admin" {
  name   = "everything"
  user   = aws_iam_user.e2e_admin.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_iam_access_key" "e2e_admin" {
  user = aws_iam_user.e2e_admin.name
}

output "e2e_credentials" {
  description = "Per role (and admin): access key, secret key and the policy the key carries."
  sensitive   = true
  value = merge(
    { for r in local.e2e_roles : r => {
      access_key = aws_iam_access_key.e2e[r].id
      secret_key = aws_iam_access_key.e2e[r].secret
      policy     = module.iam.task_policies[r]
    } },
    { admin = { access_key = aws_iam_access_key.e2e_admin.id, secret_key = aws_iam_access_key.e2e_admin.secret, policy = "" } }
  )
}
