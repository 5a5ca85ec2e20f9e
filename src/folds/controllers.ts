export { controllersSlice, nextControllers, type ControllersSlice } from '../ui/store/controllers';
