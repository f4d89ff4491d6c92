-- Paces each wrk connection so that the whole run offers a steady rate: wrk itself sends as fast as it can.
-- RATE (requests a second, all connections together) and CONNECTIONS come from the environment.
local rate = tonumber(os.getenv("RATE") or "500")
local connections = tonumber(os.getenv("CONNECTIONS") or "10")
local pause = 1000 * connections / rate
function delay()
  return pause
end
