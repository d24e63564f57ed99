// Errors as AWS sends them: the server turns a ServiceError into `{ __type, message }` with its status.

export class ServiceError extends Error {
  type: string;
  status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export const invalidParameter = (message: string) =>
  new ServiceError('InvalidParameterException', message);
export const invalidRequest = (message: string) =>
  new ServiceError('InvalidRequestException', message);
export const notFound = (what = 'secret.') =>
  new ServiceError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified ${what}`,
  );

/** The errors `injectFault` can answer with, by name. */
export const FAULTS = {
  ThrottlingException: () =>
    new ServiceError('ThrottlingException', 'Rate exceeded'),
  InternalServiceError: () =>
    new ServiceError('InternalServiceError', 'Internal service error', 500),
  // What KMS and IAM answer: not retried by the SDK.
  EncryptionFailure: () =>
    new ServiceError(
      'EncryptionFailure',
      'Secrets Manager can not encrypt the protected secret text using the provided KMS key.',
    ),
  AccessDeniedException: () =>
    new ServiceError(
      'AccessDeniedException',
      'User is not authorized to perform: secretsmanager:CreateSecret because no identity-based policy allows it',
    ),
};
