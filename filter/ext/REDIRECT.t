# REDIRECT target
-4
*nat
:PREROUTING,OUTPUT
-j REDIRECT;=
-p tcp -j REDIRECT --to-ports 8080;=
-p tcp -j REDIRECT --to-ports 8080-8090;=
-p tcp -j REDIRECT --to-ports 8080:8090;FAIL;Invalid port:port syntax - use dash
-j REDIRECT --to-ports 8080;FAIL;Need TCP, UDP, SCTP or DCCP with port specification
-p tcp -j REDIRECT --to-ports 8090-8080;FAIL;Port range `8080' funky
-p tcp -j REDIRECT --to-ports 8080 --random;=
-j REDIRECT --random;=
:POSTROUTING,INPUT
-p tcp -j REDIRECT --to-ports 8080;FAIL;@commit
-6
*nat
:PREROUTING
-p tcp -j REDIRECT --to-ports 8080;=
