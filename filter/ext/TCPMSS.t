# TCPMSS target
-4
*mangle
:FORWARD,OUTPUT,POSTROUTING
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 65536;FAIL;TCPMSS: bad value for option "--set-mss", or out of range (0-65515).
-p tcp -j TCPMSS --set-mss 1400;FAIL;@commit
-j TCPMSS --set-mss 1400;FAIL;@commit
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS;FAIL;TCPMSS target: At least one parameter is required
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400 --clamp-mss-to-pmtu;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
-p tcp --syn -j TCPMSS --set-mss 536;-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j TCPMSS --set-mss 536
:PREROUTING,INPUT
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;FAIL;@commit
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400
*filter
:FORWARD
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
-6
*mangle
:FORWARD
-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
