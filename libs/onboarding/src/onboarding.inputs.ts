import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsId, IsName } from '@joinedup/graphql-kit';
import { MAX_CONTENT_LENGTH } from './onboarding.service';

@InputType()
export class OnboardingFileInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field({ description: 'The file’s name, ending .csv or .xlsx: it says how the file is read.' })
  @IsName(200)
  @Matches(/\.(csv|xlsx)$/i, { message: 'fileName must end .csv or .xlsx' })
  fileName!: string;

  @Field({ description: 'The file’s bytes in base64; at most 5 MB of file.' })
  @IsString()
  @MaxLength(MAX_CONTENT_LENGTH, { message: 'content must be a file of at most 5 MB' })
  content!: string;
}

@InputType()
export class ApplyOnboardingInput extends OnboardingFileInput {
  @Field({ description: 'The planDigest of the preview the coordinator confirmed.' })
  @IsString()
  @MaxLength(100)
  planDigest!: string;
}
