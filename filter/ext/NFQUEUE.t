# NFQUEUE target
-4
*filter
:INPUT,FORWARD,OUTPUT
-j NFQUEUE;-j NFQUEUE --queue-num 0
-j NFQUEUE --queue-num 1;=
-j NFQUEUE --queue-num 0;=
-j NFQUEUE --queue-num 65535;=
-j NFQUEUE --queue-num 65536;FAIL;NFQUEUE: bad value for option "--queue-num", or out of range (0-65535).
-j NFQUEUE --queue-balance 1:3;=
-j NFQUEUE --queue-balance 3:1;FAIL;3 should be less than 1
-j NFQUEUE --queue-bypass;-j NFQUEUE --queue-num 0 --queue-bypass
-j NFQUEUE --queue-num 2 --queue-bypass;=
-j NFQUEUE --queue-balance 1:3 --queue-cpu-fanout;=
-j NFQUEUE --queue-num 1 --fail-open;FAIL;unknown option "--fail-open"
-j NFQUEUE --queue-num 1 --queue-balance 1:2;FAIL;NFQUEUE: option "--queue-num" cannot be used together with "--queue-balance".
