// The server serves the H5 build and the API from one origin.
export const API_BASE = '/api/v1'
