import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from '@joinedup/errors';
import { InputReason } from './graphql-kit.errors';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates every input class; failures are BAD_USER_INPUT naming the field(s). */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors: ValidationError[]) => {
      const problems = flatten(errors);
      const message = problems.map((p) => p.message).join('; ') || 'The input is not valid.';
      return new AppError(
        'BAD_USER_INPUT',
        message,
        { field: problems[0]?.field, fields: [...new Set(problems.map((p) => p.field))] },
        InputReason.INVALID_FIELD,
      );
    },
  });
}
