/**
 * Every error the API answers is `{ error: { code, message } }`, the message in Chinese and
 * never a stack. Fastify's own errors (a body too large, a bad content type) are worded here.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } })
}

const fastifyWords: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'TOO_LARGE', '文件超过 20 MB 的上限'],
  FST_REQ_FILE_TOO_LARGE: [413, 'TOO_LARGE', '文件超过 20 MB 的上限'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_TYPE', '不支持的内容类型：导入文件请以 text/csv、.xlsx 或 multipart/form-data 上传'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_REQUEST', '请求体为空'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'BAD_REQUEST', '请求体不是有效的 JSON'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [400, 'BAD_REQUEST', '表单不是 multipart/form-data'],
  FST_FILES_LIMIT: [400, 'BAD_REQUEST', '一次只能上传一个文件'],
  FST_PARTS_LIMIT: [400, 'BAD_REQUEST', '表单字段过多'],
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError)
    return sendError(reply, error.status, error.code, error.message)
  const known = error.code ? fastifyWords[error.code] : undefined
  if (known)
    return sendError(reply, ...known)
  if (error.validation)
    return sendError(reply, 400, 'BAD_REQUEST', `请求不合规则：${error.message}`)
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return sendError(reply, error.statusCode, 'BAD_REQUEST', '请求有误')
  request.log.error({ err: error }, 'unexpected error')
  return sendError(reply, 500, 'INTERNAL', '服务内部错误，已记入日志')
}
