import { ComingSoonPage } from '@kit/coming-soon'

export default ComingSoonPage
