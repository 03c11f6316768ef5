# One Fargate service per app role from the same image: api behind an ALB (scaled on CPU and requests per
# target), orchestrator/media/ai workers scaled on the visible messages of their queues.
data "aws_region" "current" {}

locals {
  port = 8080
  # Scale-in waits until the role's queues hold nothing waiting (visible) and nothing being worked on (in flight).
  scale_in_metrics = ["ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible"]
  # Step scaling on queue depth for every role that has queues listed.
  queue_scaled = { for role, queues in var.scaling_queues : role => queues if contains(keys(var.services), role) && length(queues) > 0 }
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "role" {
  for_each          = var.services
  name              = "/ecs/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Public HTTP(S) to the Aegis API load balancer"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  ingress {
    description = "HTTP, answered with a redirect to HTTPS only"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  egress {
    description = "To the API tasks"
    from_port   = local.port
    to_port     = local.port
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr_block]
  }
}

resource "aws_security_group" "tasks" {
  name        = "${var.name}-tasks"
  description = "Aegis tasks: HTTP from the ALB only; out to AWS APIs and AI providers"
  vpc_id      = var.vpc_id

  ingress {
    description     = "API from the load balancer"
    from_port       = local.port
    to_port         = local.port
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }

  dynamic "egress" {
    for_each = toset(var.egress_ports)
    content {
      description = "Out on ${egress.value}: AWS APIs (via NAT or endpoints), AI providers, OTLP"
      from_port   = egress.value
      to_port     = egress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_lb" "api" {
  name                       = "${var.name}-api"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  # Uploads of up to aegis.upload.max-bytes stream through; give them time.
  idle_timeout = var.alb_idle_timeout_seconds
}

resource "aws_lb_target_group" "api" {
  name                 = "${var.name}-api"
  port                 = local.port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/actuator/health/readiness"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# Bearer tokens and tenants' files travel only over TLS: the certificate is required (variables.tf).
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.api.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

# HTTP never reaches the tasks: it only redirects to HTTPS.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.api.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_ecs_task_definition" "role" {
  for_each                 = var.services
  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arns[each.key]

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  ephemeral_storage {
    size_in_gib = each.value.ephemeral_storage_gib
  }

  container_definitions = jsonencode([{
    name      = "aegis"
    image     = var.image
    essential = true
    portMappings = [{
      containerPort = local.port
      protocol      = "tcp"
    }]
    # Empty values are left out (ECS drops them, which would show as a change on every plan); unset = the app default.
    # The issuer last: nothing in the environment maps can replace it (variables.tf: required, https).
    environment = [for k, v in merge(var.environment, each.value.environment, { AEGIS_ROLES = each.key, AEGIS_ISSUER_URI = var.issuer_uri }) : { name = k, value = v } if v != ""]
    secrets     = [for k, arn in var.secrets : { name = k, valueFrom = arn }]
    # Matches camel.main.shutdown-timeout: in-flight steps get 120 s after SIGTERM (the Fargate maximum).
    stopTimeout = 120
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fs http://localhost:${local.port}/actuator/health/liveness || exit 1"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 120
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.role[each.key].name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = each.key
      }
    }
  }])
}

resource "aws_ecs_service" "role" {
  for_each                          = var.services
  name                              = "${var.name}-${each.key}"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.role[each.key].arn
  desired_count                     = each.value.min_count
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = each.key == "api" ? 120 : null

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = each.key == "api" ? [1] : []
    content {
      target_group_arn = aws_lb_target_group.api.arn
      container_name   = "aegis"
      container_port   = local.port
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Autoscaling owns the task count after the first apply.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.http]
}

resource "aws_appautoscaling_target" "role" {
  for_each           = var.services
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.role[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = each.value.min_count
  max_capacity       = each.value.max_count
}

resource "aws_appautoscaling_policy" "api_cpu" {
  count              = contains(keys(var.services), "api") ? 1 : 0
  name               = "${var.name}-api-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.role["api"].service_namespace
  resource_id        = aws_appautoscaling_target.role["api"].resource_id
  scalable_dimension = aws_appautoscaling_target.role["api"].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.api_cpu_target_percent
    scale_in_cooldown  = 120
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "api_requests" {
  count              = contains(keys(var.services), "api") ? 1 : 0
  name               = "${var.name}-api-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.role["api"].service_namespace
  resource_id        = aws_appautoscaling_target.role["api"].resource_id
  scalable_dimension = aws_appautoscaling_target.role["api"].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.api_requests_per_target
    scale_in_cooldown  = 120
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.api.arn_suffix}/${aws_lb_target_group.api.arn_suffix}"
    }
  }
}

# Queue-depth scaling: the sum of ApproximateNumberOfMessagesVisible over the role's queues. Above
# backlog_per_step the service grows (faster when far above); with nothing visible and nothing in flight (no step
# running anywhere) for scale_in_minutes, it shrinks by one.
resource "aws_appautoscaling_policy" "backlog_out" {
  for_each           = local.queue_scaled
  name               = "${var.name}-${each.key}-backlog-out"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.role[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.role[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.role[each.key].scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ChangeInCapacity"
    cooldown                = 60
    metric_aggregation_type = "Maximum"

    step_adjustment {
      metric_interval_lower_bound = 0
      metric_interval_upper_bound = var.backlog_per_step * 4
      scaling_adjustment          = 1
    }

    step_adjustment {
      metric_interval_lower_bound = var.backlog_per_step * 4
      scaling_adjustment          = 3
    }
  }
}

resource "aws_appautoscaling_policy" "backlog_in" {
  for_each           = local.queue_scaled
  name               = "${var.name}-${each.key}-backlog-in"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.role[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.role[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.role[each.key].scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ChangeInCapacity"
    cooldown                = 300
    metric_aggregation_type = "Maximum"

    step_adjustment {
      metric_interval_upper_bound = 0
      scaling_adjustment          = -1
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "backlog_high" {
  for_each            = local.queue_scaled
  alarm_name          = "${var.name}-${each.key}-backlog-high"
  alarm_description   = "Scale ${each.key} out: visible messages on ${join(", ", each.value)}"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 2
  threshold           = var.backlog_per_step
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_appautoscaling_policy.backlog_out[each.key].arn]

  metric_query {
    id          = "backlog"
    expression  = "SUM(METRICS())"
    label       = "ApproximateNumberOfMessagesVisible (sum)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = each.value
    content {
      id = "m${metric_query.key}"
      metric {
        namespace   = "AWS/SQS"
        metric_name = "ApproximateNumberOfMessagesVisible"
        dimensions  = { QueueName = metric_query.value }
        period      = 60
        stat        = "Maximum"
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "backlog_empty" {
  for_each            = local.queue_scaled
  alarm_name          = "${var.name}-${each.key}-backlog-empty"
  alarm_description   = "Scale ${each.key} in: nothing visible and nothing in flight on ${join(", ", each.value)}"
  comparison_operator = "LessThanOrEqualToThreshold"
  evaluation_periods  = var.scale_in_minutes
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_appautoscaling_policy.backlog_in[each.key].arn]

  # A step at work holds its message in flight (deleted only when the step ends), so "nothing in flight" means no
  # task runs a step: whichever task ECS stops, none is killed mid-step (a transcription can take hours).
  metric_query {
    id          = "busy"
    expression  = "SUM(METRICS())"
    label       = "ApproximateNumberOfMessagesVisible + ApproximateNumberOfMessagesNotVisible (sum)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = [for pair in setproduct(each.value, local.scale_in_metrics) : { queue = pair[0], metric = pair[1] }]
    content {
      id = "m${metric_query.key}"
      metric {
        namespace   = "AWS/SQS"
        metric_name = metric_query.value.metric
        dimensions  = { QueueName = metric_query.value.queue }
        period      = 60
        stat        = "Maximum"
      }
    }
  }
}
