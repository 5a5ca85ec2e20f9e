export { nextPipeline, type PipelineRequest } from '../ui/store/pipeline';
