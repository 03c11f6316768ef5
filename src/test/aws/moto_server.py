"""moto_server for the AWS end-to-end test (make aws-e2e), with the moto 5.2 gaps it hits closed in place.

Test-only: nothing here ships. Each patch says what moto does wrong and what AWS does instead; without them
`terraform apply` of envs/example hangs (retries for minutes) or the least-privilege policies cannot be judged:
  1. Application Auto Scaling ListTagsForResource is unimplemented: the provider retries it for minutes.
  2. SQS stores RedriveAllowPolicy but never returns it: the provider waits for it forever.
  3. IAM enforcement authorises SQS calls that name a queue by QueueName (GetQueueUrl, CreateQueue) and every
     DynamoDB and SNS call against resource "*", which a least-privilege policy never matches: AWS authorises
     them against the queue, table (a batch call's one table in RequestItems), index or topic ARN, and so does this
     patch. And SQS batch calls are authorised
     as their single form (ChangeMessageVisibilityBatch as sqs:ChangeMessageVisibility), as on AWS.
  4. Bucket policies: only StringEquals conditions are evaluated, and a statement whose condition does not hold
     denies (on AWS it does not apply), so the TLS-only Deny (Bool aws:SecureTransport = false) denies every request.
     Bool is evaluated here, with the request taken as TLS (the test talks plain HTTP on loopback: transport security
     is for real AWS to prove), and a statement whose condition does not hold is left out.
  5. Presigned (query-signed) S3 requests under IAM enforcement fail on the missing Authorization header: AWS
     authorises them as the signing key, so they are checked here against the signer's policies.
  6. S3 under IAM enforcement: the SigV4 signature moto recomputes for a path-style request to a loopback host differs
     from the SDK's (SignatureDoesNotMatch for every call), so S3 signatures are not verified here: the authorisation
     of the key's action on the bucket or object is. And HeadBucket is authorised as s3:ListBucket, as on AWS.
Usage: python3 moto_server.py <port> (binds 127.0.0.1). MOTO_IAM_LOAD_MANAGED_POLICIES=true for the managed policies.
"""
import json
import sys
from urllib.parse import parse_qs, urlparse

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.dynamodb.responses import DynamoHandler
from moto.iam import policy_conditions
from moto.iam.access_control import IAMPolicy, IAMPolicyStatement, IAMRequestBase, PermissionResult
from moto.iam.access_control import S3IAMRequest
from moto.s3 import responses as s3_responses
from moto.s3.models import FakeBucket
from moto.sns.responses import SNSResponse
from moto.sqs.models import Queue
from moto.sqs.responses import SQSResponse

# 1. ------------------------------------------------------------------------------------------------------------
ApplicationAutoScalingResponse.list_tags_for_resource = lambda self: json.dumps({"Tags": {}})

# 2. ------------------------------------------------------------------------------------------------------------
_queue_attributes = Queue.attributes.fget


def _attributes_with_redrive_allow(self):
    result = _queue_attributes(self)
    if getattr(self, "redrive_allow_policy", None):
        result["RedriveAllowPolicy"] = self.redrive_allow_policy
    return result


Queue.attributes = property(_attributes_with_redrive_allow)
Queue.redrive_allow_policy = None
# Names GetQueueAttributes accepts (moto checks them against these lists).
Queue.KMS_ATTRIBUTES = Queue.KMS_ATTRIBUTES + ["RedriveAllowPolicy"]

# 3. ------------------------------------------------------------------------------------------------------------
_sqs_resource = SQSResponse._determine_resource


def _sqs_determine_resource(self):
    resource = _sqs_resource(self)
    name = self._get_param("QueueName")
    if resource == "*" and name:
        return f"arn:aws:sqs:{self.region}:{self.current_account}:{name}"
    return resource


def _dynamodb_determine_resource(self):
    params = getattr(self, "params", None) or json.loads(self.body or "{}")
    table = params.get("TableName")
    if not table and isinstance(params.get("RequestItems"), dict) and len(params["RequestItems"]) == 1:
        # BatchGetItem / BatchWriteItem name their one table as the key of RequestItems (AWS authorises the table).
        table = next(iter(params["RequestItems"]))
    if not table:
        return "*"
    arn = f"arn:aws:dynamodb:{self.region}:{self.current_account}:table/{table}"
    return f"{arn}/index/{params['IndexName']}" if params.get("IndexName") else arn


def _sns_determine_resource(self):
    topic = self._get_param("TopicArn") or self._get_param("TargetArn")
    subscription = self._get_param("SubscriptionArn")
    if not topic and subscription:
        topic = subscription.rsplit(":", 1)[0]  # a subscription's ARN is its topic's ARN plus an id
    return topic or "*"


SQSResponse._determine_resource = _sqs_determine_resource
DynamoHandler._determine_resource = _dynamodb_determine_resource
SNSResponse._determine_resource = _sns_determine_resource

# 4. ------------------------------------------------------------------------------------------------------------
policy_conditions.CONDITION_OPERATIONS["Bool"] = (
    lambda expected, actual: str(actual).lower() in ([str(e).lower() for e in expected] if isinstance(expected, list)
                                                    else [str(expected).lower()]))


_statement_permitted = IAMPolicyStatement.is_action_permitted


def _statement_applies_only_if_its_condition_holds(self, action, resource="*", principal=None,
                                                   incoming_condition_values=None):
    if "Condition" in self._statement and not self._check_conditions(incoming_condition_values):
        return PermissionResult.NEUTRAL
    return _statement_permitted(self, action, resource, principal, incoming_condition_values)


IAMPolicyStatement.is_action_permitted = _statement_applies_only_if_its_condition_holds


def _bucket_permission(self, action, resource):
    if self.policy is None:
        return PermissionResult.NEUTRAL
    return IAMPolicy(self.policy.decode()).is_action_permitted(
        action, resource, incoming_condition_values={"aws:SecureTransport": "true"})


FakeBucket.get_permission = _bucket_permission

# 5. ------------------------------------------------------------------------------------------------------------
_iam_request_init = IAMRequestBase.__init__


def _iam_request_init_presigned(self, account_id, method, path, data, body, headers, action):
    if "Authorization" not in headers:
        query = parse_qs(urlparse(path).query)
        credential = query.get("X-Amz-Credential", [None])[0]
        if credential:
            headers = dict(headers)
            # Only the key and its scope are read from it: moto checks no presigned signature (S3Proxy does, in
            # PresignedUploadIT); what is checked here is that the signer's policy allows the request.
            headers["Authorization"] = f"AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders=host, Signature=presigned"
            self._presigned = True
    _iam_request_init(self, account_id, method, path, data, body, headers, action)
    if self._action.startswith("sqs:") and self._action.endswith("Batch"):
        self._action = self._action[:-len("Batch")]  # 3.


_check_signature = IAMRequestBase.check_signature


def _check_signature_unless_presigned(self):
    if not getattr(self, "_presigned", False):
        _check_signature(self)


IAMRequestBase.__init__ = _iam_request_init_presigned
IAMRequestBase.check_signature = _check_signature_unless_presigned

# 6. ------------------------------------------------------------------------------------------------------------
S3IAMRequest.check_signature = lambda self: None
s3_responses.ACTION_MAP["BUCKET"]["HEAD"]["DEFAULT"] = "ListBucket"

if __name__ == "__main__":
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
