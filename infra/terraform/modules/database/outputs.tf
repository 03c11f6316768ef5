output "jdbc_url" {
  description = "JDBC URL of the search database (aegis.search.pgvector.url)."
  value       = "jdbc:postgresql://${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${var.database_name}"
}

output "username" {
  description = "Master user name."
  value       = aws_rds_cluster.this.master_username
}

output "master_secret_arn" {
  description = "Secrets Manager secret (JSON: username, password) RDS keeps the master password in."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}
