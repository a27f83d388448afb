import { handleTrpc } from '@/server/api/trpc-handler'
import { createContext } from '@/server/api/context'

const handler = (req: Request) => handleTrpc(req, () => createContext({ headers: req.headers }))

export { handler as GET, handler as POST }
