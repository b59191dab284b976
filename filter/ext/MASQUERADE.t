# MASQUERADE target
-4
*nat
:POSTROUTING
-j MASQUERADE;=
-p tcp -j MASQUERADE --to-ports 1024-65535;=
-p udp -j MASQUERADE --to-ports 1024;=
-p tcp -j MASQUERADE --to-ports 1024:2000;FAIL;Invalid port:port syntax - use dash
-j MASQUERADE --to-ports 1024;FAIL;Need TCP, UDP, SCTP or DCCP with port specification
-p tcp -j MASQUERADE --to-ports 2000-1000;FAIL;Port range `1000' funky
-p tcp -j MASQUERADE --to-ports 65536;FAIL;Port `65536' not valid
-j MASQUERADE --random;=
-j MASQUERADE --random-fully;=
-p tcp -j MASQUERADE --to-ports 5 --random --random-fully;=
:PREROUTING,OUTPUT,INPUT
-j MASQUERADE;FAIL;@commit
*filter
:FORWARD
-j MASQUERADE;FAIL;@commit
-6
*nat
:POSTROUTING
-j MASQUERADE;=
-p tcp -j MASQUERADE --to-ports 1000-2000;=
