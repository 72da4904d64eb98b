// GitHub-shaped API errors. Every handler throws these; the server turns them into bodies shaped
// like GitHub's (`basic-error` with `status` as a string, `validation-error` with `errors[]`).

export interface ValidationErrorItem {
  resource?: string;
  field?: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  message?: string;
  value?: string | number | string[];
}

export const DOCS = "https://docs.github.com/rest";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ValidationErrorItem[],
    readonly headers: Record<string, string> = {},
    readonly documentationUrl: string = DOCS,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message };
    if (this.errors) body.errors = this.errors;
    body.documentation_url = this.documentationUrl;
    body.status = String(this.status);
    return body;
  }
}

export const notFound = (): ApiError => new ApiError(404, "Not Found");

/** 422 "Validation Failed" with `errors[]` (GitHub's `validation-error`). */
export const validationFailed = (...errors: ValidationErrorItem[]): ApiError => new ApiError(422, "Validation Failed", errors);

/** 422 "Invalid request." – GitHub's answer to a body that does not match the operation's schema. */
export const invalidRequest = (detail: string): ApiError => new ApiError(422, `Invalid request.\n\n${detail}`);

/** A plain 422 with a message (GitHub's Copilot endpoints and git refs answer this way). */
export const unprocessable = (message: string): ApiError => new ApiError(422, message);
