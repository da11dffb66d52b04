export { type Config, ConfigError, loadConfig } from './config/index.ts'
export { AppError } from './errors.ts'
export { createLogger, type Logger } from './logger.ts'
export { type RunningServer, startServer } from './server.ts'
