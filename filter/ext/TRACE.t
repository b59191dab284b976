# TRACE target
-4
*raw
:PREROUTING,OUTPUT
-j TRACE;=
-p icmp -j TRACE;=
*mangle
:PREROUTING
-j TRACE;FAIL;@commit
*filter
:INPUT
-j TRACE;FAIL;@commit
-6
*raw
:PREROUTING
-j TRACE;=
