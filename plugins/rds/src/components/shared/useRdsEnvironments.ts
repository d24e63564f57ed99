import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { rdsApiRef } from '../../api';

/** The environments the rds backend offers (`GET /environments`), for the form fields. */
export function useRdsEnvironments() {
  const rdsApi = useApi(rdsApiRef);
  return useAsync(() => rdsApi.getEnvironments(), [rdsApi]);
}
